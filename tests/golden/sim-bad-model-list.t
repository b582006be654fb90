# an interaction with an unknown list
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -M A:Q=1
exit: 2
