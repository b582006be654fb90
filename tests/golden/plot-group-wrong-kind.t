# mse-plot: --group goes with -k trend only (exit 2)
tool: mse-plot
args: -k models --group kjønn --script tests/data/models-western.csv
exit: 2
