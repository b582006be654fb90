# a negative seed
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -s -1
exit: 2
