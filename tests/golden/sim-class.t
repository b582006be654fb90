# --class: two latent classes with their own capture probabilities (C keeps its --lists one in the first)
tool: mse-sim
args: -n 1000 -l A=0.1,B=0.2,C=0.3 -C 0.7:A=0.05,B=0.1 -C 0.3:A=0.4,B=0.5,C=0.6 -s 3 -f csv
exit: 0
