// The one translation unit that compiles the stb single-header libraries SkillSim uses:
// stb_image_write (PNG screenshots) and stb_image (PNG golden images; tinygltf's image decoder).
// Debian's libstb-dev ships the headers; the implementations are compiled here so that exactly one
// copy exists in the program, built with the project's flags (and sanitizers).
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image.h>
#include <stb_image_write.h>
