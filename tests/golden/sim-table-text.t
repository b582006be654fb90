# aligned text
tool: mse-sim
args: -f text -n 1000 -l A=0.3,B=0.2,C=0.25 -M A:B=0.7 -s 5
exit: 0
