# --criterion neither aic, bic nor aicc
tool: mse-check
args: --criterion akaike data/HAV.csv
exit: 2
