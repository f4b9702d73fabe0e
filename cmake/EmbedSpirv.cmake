# cmake -DSPV=in.spv -DOUT=out.cpp -DSYMBOL=kName -P EmbedSpirv.cmake
# Writes the SPIR-V words of SPV as a C++ array (little-endian words, as glslc emits them).
file(READ ${SPV} hex HEX)
string(LENGTH "${hex}" len)
math(EXPR rem "${len} % 8")
if(NOT rem EQUAL 0 OR len EQUAL 0)
  message(FATAL_ERROR "${SPV}: not a whole number of 32-bit SPIR-V words")
endif()
string(REGEX REPLACE "(..)(..)(..)(..)" "0x\\4\\3\\2\\1u," words "${hex}")
string(REGEX REPLACE "((0x[0-9a-f]+u,){8})" "\\1\n" words "${words}")
file(WRITE ${OUT} "// Generated from ${SPV}; do not edit.\n#include <cstdint>\n#include <span>\nnamespace skillsim::shaders {\nnamespace {\nconstexpr std::uint32_t kWords[] = {\n${words}\n};\n} // namespace\nextern const std::span<const std::uint32_t> ${SYMBOL};\nconst std::span<const std::uint32_t> ${SYMBOL}{kWords};\n} // namespace skillsim::shaders\n")
