# mse-models --level 1.5
tool: mse-models
args: -L 1.5 data/Western.csv
exit: 2
