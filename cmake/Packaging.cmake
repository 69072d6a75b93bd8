# Packaging.cmake: what `cmake --install` lays out (GNUInstallDirs: the binary, the desktop entry,
# the AppStream metainfo; the icons come from cmake/Icons.cmake) and the Debian package CPack
# builds from it (scripts/package). Only the Runtime component is installed or packaged: tests,
# benchmarks and test servers have no install rules at all.

install(TARGETS keel RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/${KEEL_APP_ID}.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
  COMPONENT Runtime)
# The metainfo carries the version (project()) and, when KEEL_HOMEPAGE is set, the links and the
# screenshots (AppStream wants them as web addresses: the repository's docs/screenshots).
set(KEEL_METAINFO_LINKS "")
if(KEEL_HOMEPAGE)
  string(REPLACE "https://github.com/" "https://raw.githubusercontent.com/" keel_raw
    "${KEEL_HOMEPAGE}/main/docs/screenshots")
  string(CONCAT KEEL_METAINFO_LINKS
    "  <url type=\"homepage\">${KEEL_HOMEPAGE}</url>\n"
    "  <url type=\"bugtracker\">${KEEL_HOMEPAGE}/issues</url>\n"
    "  <screenshots>\n"
    "    <screenshot type=\"default\">\n"
    "      <caption>A conversation, light theme</caption>\n"
    "      <image>${keel_raw}/keel-light.png</image>\n"
    "    </screenshot>\n"
    "    <screenshot>\n"
    "      <caption>A conversation, dark theme</caption>\n"
    "      <image>${keel_raw}/keel-dark.png</image>\n"
    "    </screenshot>\n"
    "    <screenshot>\n"
    "      <caption>Configuring providers</caption>\n"
    "      <image>${keel_raw}/settings-providers.png</image>\n"
    "    </screenshot>\n"
    "  </screenshots>")
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${KEEL_HOMEPAGE}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/packaging/${KEEL_APP_ID}.metainfo.xml.in
  ${PROJECT_BINARY_DIR}/${KEEL_APP_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/${KEEL_APP_ID}.metainfo.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
  COMPONENT Runtime)

set(CPACK_GENERATOR DEB)
# One package holding the Runtime component only.
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};Runtime;/")
set(CPACK_PACKAGE_NAME keel)
set(CPACK_PACKAGE_VENDOR "The Keel developers")
set(CPACK_PACKAGE_CONTACT "The Keel developers <keel@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "native desktop chat client for large language models")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # keel_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "native desktop chat client for large language models\n\
Keel chats with OpenAI, Anthropic, Gemini, Ollama and any OpenAI-compatible\n\
provider. Replies stream in while the window stays responsive: networking,\n\
storage and tools run off the GUI thread. Conversations are kept locally in\n\
SQLite with branches, search, export and import; API keys go to the system\n\
keychain. Models can call tools of MCP servers. A command line (keel ask,\n\
keel models, keel history, ...) shares the same profile.")
# The libraries keel links come from dpkg-shlibdeps; these it cannot see. QtKeychain dlopens
# libsecret, Qt loads the SQLite driver as a plugin, Translations loads Qt's own qtbase_*.qm.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0, libqt6sql6-sqlite, qt6-translations-l10n")
# Native Wayland (X11 needs nothing more: libqt6gui6 carries the xcb platform plugin).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
# A Secret Service for the keychain; CJK glyphs for the Chinese translation.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring, fonts-noto-cjk")
include(CPack)
