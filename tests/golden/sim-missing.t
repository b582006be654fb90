# --missing: a quarter of the genders lost, more of those B saw; the NA
# rows come after the complete ones (issue 17)
tool: mse-sim
args: -n 200 -l A=0.3,B=0.4 -b gender=f,m --missing gender=0.25,B=0.5 -s 3 -f csv
exit: 0
