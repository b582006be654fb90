# --absent with an unknown value
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -b g=a,b --absent A:g=c
exit: 2
