# skillsim_add_module(NAME
#   SOURCES src/...
#   PUBLIC_DEPS skillsim::core ...     # project modules this one may use (DESIGN.md table)
#   PRIVATE_DEPS PkgConfig::BULLET ... # third-party libraries, always PRIVATE
#   [STRICT_FP])                       # simulation/assessment code: -ffp-contract=off
#
# Creates the static library skillsim_<NAME> with alias skillsim::<NAME>, public headers under
# engine/<NAME>/include/skillsim/<NAME>/ and private code under engine/<NAME>/src/.
function(skillsim_project_warnings target)
  # -Wmissing-field-initializers fires on C++20 designated initializers that rely on default
  # member initializers (GCC 12), which is exactly how our plain-data structs are meant to be used.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers)
  if(SKILLSIM_SANITIZE)
    # GCC 12 reports false -Wmaybe-uninitialized inside libstdc++ (std::regex, std::variant) once
    # ASan instruments the code; the Release build keeps the warning as an error.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
endfunction()

function(skillsim_add_module name)
  cmake_parse_arguments(ARG "STRICT_FP" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  set(target skillsim_${name})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(skillsim::${name} ALIAS ${target})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_features(${target} PUBLIC cxx_std_20)
  skillsim_project_warnings(${target})
  if(ARG_STRICT_FP)
    # The determinism contract: no fused multiply-add contraction in code whose results are scored.
    target_compile_options(${target} PRIVATE -ffp-contract=off)
  endif()
endfunction()

# skillsim_machine_folders(DIR PREFIX SOURCES_VAR DECLARATIONS_VAR CALLS_VAR)
#
# One folder per machine under DIR (DESIGN.md: a new trade is one new folder): collects every .cpp
# in each DIR/<kind>/ into SOURCES_VAR and, for each kind, the declaration and the call of its
# registration function `void <PREFIX><kind>(REGISTRY&)` (REGISTRY given as the 6th argument) into
# DECLARATIONS_VAR and CALLS_VAR, for a configure_file'd registry source.
function(skillsim_machine_folders dir prefix sources_var declarations_var calls_var registry)
  file(GLOB dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS ${dir}/*)
  set(sources "")
  set(declarations "")
  set(calls "")
  foreach(folder IN LISTS dirs)
    if(IS_DIRECTORY ${folder})
      get_filename_component(kind ${folder} NAME)
      file(GLOB folder_sources CONFIGURE_DEPENDS ${folder}/*.cpp)
      list(APPEND sources ${folder_sources})
      string(APPEND declarations "void ${prefix}${kind}(${registry}& registry);\n")
      string(APPEND calls "  ${prefix}${kind}(registry);\n")
    endif()
  endforeach()
  set(${sources_var} ${sources} PARENT_SCOPE)
  set(${declarations_var} "${declarations}" PARENT_SCOPE)
  set(${calls_var} "${calls}" PARENT_SCOPE)
endfunction()
