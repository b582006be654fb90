# mse-plot trend --group model: two rows for one year in a group (the other stratum) refused (exit 1)
tool: mse-plot
args: -k trend --group model --script tests/data/plot-est-kjonn.csv
exit: 1
