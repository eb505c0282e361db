import AnjuData
print(DataBundle.embedded.files.keys.sorted())
