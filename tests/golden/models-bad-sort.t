# --sort magic
tool: mse-models
args: --sort magic data/Kosovo.csv
exit: 2
