import { z } from "@hono/zod-openapi";
import { apiRoute, ErrorEnvelope, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { toContact, toVendorSummary } from "./vendor-mappers.ts";
import { listVendors } from "./vendor-queries.ts";
import { getVendorDetail } from "./vendor-read.ts";
import {
  ChangeStatus,
  Contact,
  ContactInput,
  CreateVendor,
  UpdateVendor,
  VendorDetail,
  VendorListQuery,
  VendorPage,
} from "./vendor-schemas.ts";
import {
  addContact,
  changeVendorStatus,
  createVendor,
  removeContact,
  updateVendor,
} from "./vendor-service.ts";

const notFound = jsonContent(ErrorEnvelope, "No such vendor");
const conflict = jsonContent(ErrorEnvelope, "Not allowed in the vendor's current status");
const ContactParams = IdParam.extend({
  contactId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "contactId", in: "path" } }),
});

/** Vendors: list, create, read, edit, lifecycle and contacts. */
export function vendorRoutes() {
  const app = createOpenApiApp();
  const tags = ["Vendors"];

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/vendors",
      tags,
      summary: "List vendors",
      description: "Filters combine with AND. Pages are keyset-paginated: pass nextCursor as cursor.",
      access: "read",
      request: { query: VendorListQuery },
      responses: { 200: jsonContent(VendorPage, "A page of vendors") },
    }),
    async (c) => {
      const { rows, nextCursor } = await listVendors(c.var.deps.db, c.req.valid("query"));
      return c.json({ data: rows.map(toVendorSummary), nextCursor }, 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors",
      tags,
      summary: "Create a vendor (status intake)",
      access: "procure",
      request: { body: jsonBody(CreateVendor) },
      responses: { 201: jsonContent(VendorDetail, "The new vendor") },
    }),
    async (c) => {
      const row = await createVendor(serviceContext(c), c.req.valid("json"));
      return c.json(await getVendorDetail(c.var.deps.db, row.id), 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/vendors/{id}",
      tags,
      summary: "One vendor with its data-sharing records, transfers, sub-processors and risk",
      access: "read",
      request: { params: IdParam },
      responses: { 200: jsonContent(VendorDetail, "The vendor"), 404: notFound },
    }),
    async (c) => c.json(await getVendorDetail(c.var.deps.db, c.req.valid("param").id), 200),
  );

  app.openapi(
    apiRoute({
      method: "patch",
      path: "/api/v1/vendors/{id}",
      tags,
      summary: "Edit a vendor's details",
      access: "procure",
      request: { params: IdParam, body: jsonBody(UpdateVendor) },
      responses: { 200: jsonContent(VendorDetail, "The vendor"), 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await updateVendor(serviceContext(c), id, c.req.valid("json"));
      return c.json(await getVendorDetail(c.var.deps.db, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors/{id}/status",
      tags,
      summary: "Move a vendor through its lifecycle",
      description:
        "intake → under_review → approved or rejected → offboarding → offboarded. Offboarded needs `offboarding`: whether the data was returned or deleted (GDPR Art. 28(3)(g)), the date and the evidence.",
      access: "procure",
      request: { params: IdParam, body: jsonBody(ChangeStatus) },
      responses: { 200: jsonContent(VendorDetail, "The vendor"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await changeVendorStatus(serviceContext(c), id, c.req.valid("json"));
      return c.json(await getVendorDetail(c.var.deps.db, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors/{id}/contacts",
      tags,
      summary: "Add a contact at the vendor",
      access: "procure",
      request: { params: IdParam, body: jsonBody(ContactInput) },
      responses: { 201: jsonContent(Contact, "The contact"), 404: notFound },
    }),
    async (c) =>
      c.json(
        toContact(await addContact(serviceContext(c), c.req.valid("param").id, c.req.valid("json"))),
        201,
      ),
  );

  app.openapi(
    apiRoute({
      method: "delete",
      path: "/api/v1/vendors/{id}/contacts/{contactId}",
      tags,
      summary: "Remove a contact",
      access: "procure",
      request: { params: ContactParams },
      responses: { 204: { description: "Removed" }, 404: notFound },
    }),
    async (c) => {
      const { id, contactId } = c.req.valid("param");
      await removeContact(serviceContext(c), id, contactId);
      return c.body(null, 204);
    },
  );

  return app;
}
