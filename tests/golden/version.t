# --version
args: --version
exit: 0
