# --by with a negative weight
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -b g=a:0.5,b:-1
exit: 2
