# --size is required
tool: mse-sim
args: -l A=0.5,B=0.5
exit: 2
