# NewOrl as JSON: 18 pairs without overlap (mse-describe(1) example)
tool: mse-describe
args: -f json data/NewOrl.csv
exit: 0
