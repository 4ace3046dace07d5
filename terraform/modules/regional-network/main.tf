# Subnet layout inside the /16: AKS nodes get a /20 (overlay networking keeps pod IPs out of the
# VNet), Container Apps a /23 (the minimum Azure accepts for workload-profile environments),
# PostgreSQL a delegated /24 and private endpoints a /24.
locals {
  subnets = {
    aks = {
      cidr       = cidrsubnet(var.address_space, 4, 0)
      delegation = null
      # The CSI driver on the nodes reads Key Vault through its service endpoint.
      service_endpoints = ["Microsoft.KeyVault"]
    }
    container-apps = {
      cidr              = cidrsubnet(var.address_space, 7, 8)
      service_endpoints = []
      delegation = {
        name    = "Microsoft.App/environments"
        actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
      }
    }
    postgres = {
      cidr              = cidrsubnet(var.address_space, 8, 20)
      service_endpoints = []
      delegation = {
        name    = "Microsoft.DBforPostgreSQL/flexibleServers"
        actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
      }
    }
    private-endpoints = {
      cidr              = cidrsubnet(var.address_space, 8, 21)
      delegation        = null
      service_endpoints = []
    }
  }
}

resource "azurerm_virtual_network" "this" {
  name                = var.vnet_name
  location            = var.location
  resource_group_name = var.resource_group_name
  address_space       = [var.address_space]
  tags                = var.tags
}

resource "azurerm_subnet" "this" {
  for_each = local.subnets

  name                 = "snet-${each.key}"
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [each.value.cidr]
  service_endpoints    = each.value.service_endpoints

  dynamic "delegation" {
    for_each = each.value.delegation == null ? [] : [each.value.delegation]
    content {
      name = replace(delegation.value.name, "/", "-")
      service_delegation {
        name    = delegation.value.name
        actions = delegation.value.actions
      }
    }
  }
}

resource "azurerm_network_security_group" "aks" {
  name                = var.nsg_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  # Traffic Manager probes and clients reach the ingress on 443 only; plain HTTP is not served.
  security_rule {
    name                       = "allow-https-inbound"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_subnet_network_security_group_association" "aks" {
  subnet_id                 = azurerm_subnet.this["aks"].id
  network_security_group_id = azurerm_network_security_group.aks.id
}

resource "azurerm_public_ip" "ingress" {
  name                = var.ingress_public_ip_name
  location            = var.location
  resource_group_name = var.resource_group_name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = length(var.zones) > 0 ? var.zones : null
  domain_name_label   = var.ingress_dns_label
  tags                = var.tags
}
