package org.farmstand.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.catalog.entity.Category;
import org.farmstand.catalog.entity.Product;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.control.Capacity;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes one demo shop's data inside the seeding transaction, as that shop. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
@Tenanted
public class DemoShopWriter {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    MediaService media;

    @Inject
    TourService tours;

    @Inject
    PasswordHasher hasher;

    void fill(DemoData.Shop shop) {
        Map<String, Category> categories = new HashMap<>();
        int sort = 0;
        for (String[] c : shop.categories()) {
            Category category = new Category(c[0], c[1], sort++);
            em.persist(category);
            categories.put(c[0], category);
        }
        List<Product> products = new java.util.ArrayList<>();
        for (DemoData.Product p : shop.products()) {
            Product product = new Product();
            product.setSlug(p.slug());
            product.setName(p.name());
            product.setDescription(p.description());
            product.setCategory(categories.get(p.category()));
            product.setUnit(Unit.valueOf(p.unit()));
            product.setPricePerKgCents(p.pricePerKgCents());
            product.setApproxWeightGrams(p.approxWeightGrams());
            product.setPriceCents(p.pricePerKgCents() != null
                    ? Pricing.estimatedPieceCents(p.pricePerKgCents(), p.approxWeightGrams())
                    : p.priceCents());
            product.setImageId(media.store(picture(p.slug())));
            em.persist(product);
            products.add(product);
        }
        Tour firstTour = null;
        for (String[] t : shop.tours()) {
            Tour tour = new Tour();
            tour.setName(t[0]);
            tour.setWeekday(Integer.parseInt(t[1]));
            tour.setPostcodes(t[2]);
            tour.setCapacity(Integer.parseInt(t[3]));
            em.persist(tour);
            em.flush();
            tours.generateDates(tour);
            if (firstTour == null) {
                firstTour = tour;
            }
        }
        em.flush();
        int n = 0;
        for (String[] c : shop.customers()) {
            Customer customer = new Customer();
            customer.setEmail(c[0]);
            customer.setPasswordHash(hasher.hash(c[1]));
            customer.setFirstName(c[2]);
            customer.setLastName(c[3]);
            customer.setStreet(c[4]);
            customer.setPostcode(c[5]);
            customer.setCity(c[6]);
            customer.setLocale(c[7]);
            customer.setStatus(CustomerStatus.ACTIVE);
            customer.setEmailVerified(true);
            customer.setHomeTourId(firstTour == null ? null : firstTour.getId());
            em.persist(customer);
            em.flush();
            org.farmstand.customers.control.CustomerChanges.status(em, customer, CustomerStatus.ACTIVE,
                    java.time.Instant.now());
            if (firstTour != null) {
                placeDemoOrder(customer, firstTour, products, n++);
            }
        }
    }

    private void placeDemoOrder(Customer customer, Tour tour, List<Product> products, int n) {
        List<TourDate> dates = em.createNamedQuery(TourDate.FIND_BY_TOUR, TourDate.class)
                .setParameter("tourId", tour.getId()).setParameter("from", LocalDate.now().plusDays(7))
                .setMaxResults(1).getResultList();
        if (dates.isEmpty() || !Capacity.book(em, dates.get(0).getId(), 1)) {
            return;
        }
        CustomerOrder order = new CustomerOrder(orderNumber(), customer, dates.get(0), "demo-" + customer.getEmail());
        for (int i = 0; i < 2 && i < products.size(); i++) {
            Product product = products.get((n + i) % products.size());
            OrderLine line = new OrderLine(product.getId(), product.getName(), product.getUnit(), 1 + i,
                    product.getPriceCents());
            if (product.isSoldByWeight()) {
                line.soldByWeight(product.getPricePerKgCents(), product.getApproxWeightGrams());
            }
            order.addLine(line);
        }
        org.farmstand.ordering.control.ChangeFeed.touch(em, order);
        em.persist(order);
    }

    static String orderNumber() {
        return Tokens.random(6).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
    }

    /** A simple generated picture (no fonts needed), distinct per product. */
    static byte[] picture(String seed) {
        int hash = seed.hashCode();
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(Color.HSBtoRGB((hash & 0xff) / 255f, 0.25f, 0.97f)));
            g.fillRect(0, 0, 640, 480);
            g.setColor(new Color(Color.HSBtoRGB(((hash >> 8) & 0xff) / 255f, 0.7f, 0.8f)));
            g.fillOval(170, 90, 300, 300);
            g.setColor(new Color(Color.HSBtoRGB(((hash >> 16) & 0xff) / 255f, 0.6f, 0.5f)));
            g.fillOval(290, 50, 60, 90);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
