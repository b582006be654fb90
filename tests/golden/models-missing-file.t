# missing file
tool: mse-models
args: data/none.csv
exit: 1
