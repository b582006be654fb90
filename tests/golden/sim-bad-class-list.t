# --class names a list that --lists does not have
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -C 1:Z=0.5
exit: 2
