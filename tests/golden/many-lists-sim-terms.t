# beyond 20 lists mse-sim cannot draw interactions
tool: mse-sim
args: -n 200 -l L01=0.1,L02=0.2,L03=0.1,L04=0.1,L05=0.1,L06=0.1,L07=0.1,L08=0.1,L09=0.1,L10=0.1,L11=0.1,L12=0.1,L13=0.1,L14=0.1,L15=0.1,L16=0.1,L17=0.1,L18=0.1,L19=0.1,L20=0.1,L21=0.3,L22=0.05 -M L01:L02=1 -s 3 -f csv
exit: 2
