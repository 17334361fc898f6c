package org.farmstand.catalog.boundary;

import java.io.Serializable;

public record CategoryView(long id, String slug, String name) implements Serializable {
}
