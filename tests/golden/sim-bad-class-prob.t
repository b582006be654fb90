# --class: a probability of 1
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -C 1:A=1
exit: 2
