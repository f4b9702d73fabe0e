# Installation layout and the Debian package (docs/install.md).
#
#   cmake --install build/release --prefix /opt/skillsim     # bin/skillsim, share/skillsim/...
#   cd build/release && cpack -G DEB                         # skillsim_<version>_<arch>.deb
#
# The program finds share/skillsim/assets relative to its own folder (engine/app/src/
# AssetsFolder.cpp), so the prefix may be anything and the tree may be moved as a whole.
set(SKILLSIM_DATADIR ${CMAKE_INSTALL_DATADIR}/skillsim)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${SKILLSIM_DATADIR}/assets)
# The shipped scenarios beside assets/ (the start screen lists share/skillsim/scenarios) with the
# committed reference traces.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${SKILLSIM_DATADIR}/scenarios)
# Course files (docs/course-format.md) beside scenarios/, where `validate` finds their scenarios.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/courses/ DESTINATION ${SKILLSIM_DATADIR}/courses)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/skillsim.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/skillsim.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME skillsim)
set(CPACK_PACKAGE_VENDOR "SkillSim")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Vocational skills training simulator (overhead crane), scored against certificate standards")
set(CPACK_PACKAGE_DESCRIPTION
    "SkillSim runs industrial training scenarios on Bullet physics and a Vulkan renderer and scores
every attempt against a certificate standard, repeatably and with evidence (signed traces that
re-simulate bit-exactly). Practice and exam modes at a workstation window, headless replay,
verification, certificate decisions and HTML reports.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "SkillSim developers <skillsim@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
# Shared libraries (Vulkan loader, GLFW, Bullet, libsodium, SQLite, libpq, spdlog, fmt, toml++,
# stb, libstdc++) come from dpkg-shlibdeps; what the program opens at run time by name is listed
# by hand: a Vulkan driver (lavapipe works without a GPU) and the CJK font the HUD uses
# (ui::kDefaultCjkFont).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "mesa-vulkan-drivers | vulkan-icd, fonts-noto-cjk, libopenal1")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xvfb, postgresql-client")
include(CPack)
