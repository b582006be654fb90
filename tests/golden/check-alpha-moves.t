# --alpha and --moves change the rules
tool: mse-check
args: --alpha 0.001 --moves 0.1 -f csv data/Western.csv
exit: 0
