# Icons.cmake: the application icon. resources/icons/keel.svg is the only source; every PNG size is
# rendered from it at build time by rsvg-convert (librsvg2-bin), so the sizes can never drift from
# the SVG and no binary files live in the repository. librsvg rather than QtSvg: it renders all of
# SVG 1.1 and needs no extra tool of our own. The PNGs go into the binary as a Qt resource
# (:/icons/N/keel.png, for the window icon: no SVG image plugin is needed at run time) and into the
# hicolor theme on install, with the SVG as the scalable size.

set(KEEL_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/keel.svg)
set(KEEL_ICON_SIZES 16 22 24 32 48 64 128 256 512)
# The window icon needs no more than this; 512 only for the theme (HiDPI launchers, stores).
set(KEEL_WINDOW_ICON_SIZES 16 22 24 32 48 64 128 256)

find_program(RSVG_CONVERT rsvg-convert REQUIRED)

# keel_add_icons(TARGET): renders the PNGs, embeds them in TARGET and installs the theme icons
# under the name KEEL_APP_ID (the desktop file's Icon=).
function(keel_add_icons target)
  set(embedded)
  foreach(size IN LISTS KEEL_ICON_SIZES)
    set(png ${CMAKE_CURRENT_BINARY_DIR}/icons/${size}/keel.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/icons/${size}
      COMMAND ${RSVG_CONVERT} --width ${size} --height ${size} --output ${png} ${KEEL_ICON_SVG}
      DEPENDS ${KEEL_ICON_SVG}
      COMMENT "Rendering the ${size} px icon"
      VERBATIM)
    if(size IN_LIST KEEL_WINDOW_ICON_SIZES)
      list(APPEND embedded ${png})
    endif()
    install(FILES ${png}
      DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
      RENAME ${KEEL_APP_ID}.png
      COMPONENT Runtime)
  endforeach()
  # Every size is a source of the target so that each is built even when not embedded.
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/icons/512/keel.png)
  qt_add_resources(${target} keel_icons
    PREFIX /
    BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${embedded})
  install(FILES ${KEEL_ICON_SVG}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
    RENAME ${KEEL_APP_ID}.svg
    COMPONENT Runtime)
endfunction()
