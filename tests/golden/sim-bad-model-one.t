# an interaction of one list
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -M A=1
exit: 2
