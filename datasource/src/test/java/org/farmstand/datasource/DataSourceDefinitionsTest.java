package org.farmstand.datasource;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data source is defined twice: in this module's web fragment (a WAR on Payara Micro) and in the EAR's
 * application.xml (Payara Server). Both must say the same, or the EAR silently runs with another pool.
 */
class DataSourceDefinitionsTest {

    private static final Path FRAGMENT = Path.of("src/main/resources/META-INF/web-fragment.xml");
    private static final Path APPLICATION = Path.of("../ear/src/main/application/META-INF/application.xml");

    @Test
    void theEarDefinesTheSameDataSourceAsTheWebFragment() throws Exception {
        List<String> fragment = definition(FRAGMENT);
        assertThat(fragment).contains("name=java:app/jdbc/farmstand",
                "class-name=" + TimeoutMariaDbDataSource.class.getName());
        assertThat(definition(APPLICATION)).containsExactlyElementsOf(fragment);
    }

    /** The data-source element's content as "element=text" and "property:name=value" lines, in document order. */
    private static List<String> definition(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(file.toFile());
        var sources = document.getElementsByTagNameNS("*", "data-source");
        assertThat(sources.getLength()).as("data-source elements in %s", file).isEqualTo(1);
        List<String> lines = new ArrayList<>();
        for (Node child = sources.item(0).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                if (element.getLocalName().equals("property")) {
                    lines.add("property:" + text(element, "name") + "=" + text(element, "value"));
                } else {
                    lines.add(element.getLocalName() + "=" + element.getTextContent().strip());
                }
            }
        }
        return lines;
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().strip();
    }
}
