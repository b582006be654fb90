# --class and --heterogeneity both make the classes
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -C 1:A=0.5 -H 1:2
exit: 2
