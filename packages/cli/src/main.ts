#!/usr/bin/env node
console.log("quire");
