# --heterogeneity without a factor
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -H 0.5
exit: 2
