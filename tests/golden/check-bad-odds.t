# --max-odds-ratio below 1
tool: mse-check
args: --max-odds-ratio 0.5 data/HAV.csv
exit: 2
