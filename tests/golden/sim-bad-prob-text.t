# a probability that is not a number
tool: mse-sim
args: -n 100 -l A=high,B=0.5
exit: 2
