# two latent classes
tool: mse-sim
args: -f csv -n 1000 -l A=0.3,B=0.2,C=0.25 -H 0.5:0.5,0.5:3 -s 9
exit: 0
