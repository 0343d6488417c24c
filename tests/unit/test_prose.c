/* test_prose.c: the words the spelling rules read, and the test that
 * tells another language's phrase in an English page. */
#include "harness.h"

#include "prose.h"

static int
foreign(const char *s)
{
    return prose_is_foreign(s, strlen(s));
}

void
test_prose(void)
{
    ok(!foreign("The server and the client talk over the protocol"),
       "prose: English is not foreign");
    ok(foreign("Lorem ipsum dolor sit amet, consectetur adipiscing elit"),
       "prose: Lorem ipsum is foreign");
    ok(foreign("Nam liber tempor cum soluta nobis eleifend option"),
       "prose: Latin is foreign");
    ok(foreign("Ut wisi enim ad minim veniam, quis nostrud exerci tation "
               "placerat facer possim assum"),
       "prose: the last words of the lists are read (placerat, assum)");
    ok(foreign("Installer son serveur XMPP avec Prosody"),
       "prose: French is foreign");
    ok(foreign("Die Sicherheit ist wichtig und das ist gut"),
       "prose: German is foreign");
    ok(foreign("Libre en Communs"), "prose: 'Libre en ...' is French");
    int_eq(prose_case("word", 4), PC_LOWER, "prose: lower case");
    int_eq(prose_case("Word", 4), PC_TITLE, "prose: title case");
    int_eq(prose_case("GDPR", 4), PC_UPPER, "prose: capitals");
    int_eq(prose_case("vCard", 5), PC_MIXED, "prose: mixed");
}
