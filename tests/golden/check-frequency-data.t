# frequency data: no lists to check, exit 1 with the reason
tool: mse-check
args: data/nbcap/ill.csv
exit: 1
