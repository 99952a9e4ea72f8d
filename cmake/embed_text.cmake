# Writes INPUT as a C++ raw string literal to OUTPUT (for #include).
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "R\"backplan_embed(${content})backplan_embed\"")
