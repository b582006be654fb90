# --max-odds-ratio 3
tool: mse-check
args: --max-odds-ratio 3 -p bounds -f csv data/HAV.csv
exit: 0
