# mse-plot models: mse-models output, average rows left out, lowest AIC circled
tool: mse-plot
args: -k models --script tests/data/good-est-models-row.csv
exit: 0
