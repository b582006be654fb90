# bounds undefined on a zero cell, with a hint
tool: mse-check
args: -p bounds -f csv data/UKdat.csv
exit: 0
