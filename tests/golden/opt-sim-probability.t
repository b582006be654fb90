# mse-sim: a capture probability of 1.5
tool: mse-sim
args: -n 100 -l A=1.5,B=0.5
exit: 2
