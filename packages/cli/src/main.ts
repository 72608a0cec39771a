console.log("quire");
