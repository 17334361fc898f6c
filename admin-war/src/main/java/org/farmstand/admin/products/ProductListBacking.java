package org.farmstand.admin.products;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.catalog.boundary.ProductAdminService;
import org.farmstand.catalog.entity.Product;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The product table: a lazy model over the service, so paging, sorting and search run in the database. */
@Named
@ViewScoped
public class ProductListBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProductAdminService products;

    private String search;
    private LazyDataModel<Product> model;

    @PostConstruct
    void init() {
        model = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return (int) service().count(search);
            }

            @Override
            public List<Product> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
                SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
                return service().page(first, pageSize, sort == null ? "name" : sort.getField(),
                        sort == null || sort.getOrder() != SortOrder.DESCENDING, search);
            }

            @Override
            public String getRowKey(Product product) {
                return String.valueOf(product.getId());
            }

            @Override
            public Product getRowData(String rowKey) {
                return service().find(Long.parseLong(rowKey)).orElse(null);
            }
        };
    }

    private ProductAdminService service() {
        if (products == null) {
            products = jakarta.enterprise.inject.spi.CDI.current().select(ProductAdminService.class).get();
        }
        return products;
    }

    public LazyDataModel<Product> getModel() { return model; }
    public String getSearch() { return search; }
    public void setSearch(String search) { this.search = search; }
}
