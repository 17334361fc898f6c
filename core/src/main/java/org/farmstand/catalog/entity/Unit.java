package org.farmstand.catalog.entity;

/** How a product is sold. */
public enum Unit {
    PIECE, KG, BUNCH, BOX
}
