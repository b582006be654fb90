# --criterion bic --delta 4
tool: mse-check
args: --criterion bic --delta 4 -p spread -f csv data/Western.csv
exit: 0
