# --criterion neither aic nor bic
tool: mse-check
args: --criterion aicc data/HAV.csv
exit: 2
