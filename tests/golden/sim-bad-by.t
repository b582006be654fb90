# --by without values
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -b year
exit: 2
