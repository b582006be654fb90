# mse-sim beyond 20 lists draws unit by unit (no 2^25-cell multinomial):
# 3 lists' worth of classes over 22 lists, seeded
tool: mse-sim
args: -n 200 -l L01=0.1,L02=0.2,L03=0.1,L04=0.1,L05=0.1,L06=0.1,L07=0.1,L08=0.1,L09=0.1,L10=0.1,L11=0.1,L12=0.1,L13=0.1,L14=0.1,L15=0.1,L16=0.1,L17=0.1,L18=0.1,L19=0.1,L20=0.1,L21=0.3,L22=0.05 -s 3 -f csv
exit: 0
