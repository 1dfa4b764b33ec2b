# sinergi_module(NAME DEPENDS dep...): one module = one static library built from src/<name>/*.cpp, plus, when tests
# are on, one GoogleTest executable from tests/<name>/*_test.cpp (tests mirror src/).
# A module links only what it declares, so a dependency cycle or an undeclared include fails the build.
function(sinergi_module name)
  cmake_parse_arguments(ARG "" "" "DEPENDS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  file(GLOB tests CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/${name}/*_test.cpp)
  add_library(sinergi_${name} STATIC ${sources})
  target_include_directories(sinergi_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sinergi_${name} PUBLIC ${ARG_DEPENDS} PRIVATE sinergi_warnings)
  if(SINERGI_TESTS AND tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE sinergi_${name} sinergi_test_support GTest::gtest_main GTest::gmock sinergi_warnings)
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
  endif()
endfunction()
