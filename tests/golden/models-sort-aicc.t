# mse-models sorted by AICc, the 5 best and the three averages (AIC, BIC, AICc weights)
tool: mse-models
args: -f csv -D 10 --sort aicc --top 5 data/Kosovo.csv
exit: 0
